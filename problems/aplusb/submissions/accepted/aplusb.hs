main :: IO ()
main = interact $ \input ->
  let (_ : numbers) = map read (words input) :: [Integer]
   in unlines (map show (sums numbers))
  where
    sums (a : b : rest) = a + b : sums rest
    sums _ = []
