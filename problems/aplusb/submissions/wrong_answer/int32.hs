-- Adds in 32-bit Int32s: right on group 1 (30 points), wrong on group 2, whose values do not fit.
-- Expected: WA with a score of 30.
-- @EXPECTED_SCORE@: 30
import Data.Int (Int32)

main :: IO ()
main = interact $ \input ->
  let (_ : numbers) = map (fromInteger . read) (words input) :: [Int32]
   in unlines (map show (sums numbers))
  where
    sums (a : b : rest) = a + b : sums rest
    sums _ = []
