-- Prints the right answer, then takes the head of an empty list: the program dies with an
-- exception and exit status 1. Expected: RE.
main :: IO ()
main = do
  putStrLn "Hello, World!"
  print (head ([] :: [Int]))
