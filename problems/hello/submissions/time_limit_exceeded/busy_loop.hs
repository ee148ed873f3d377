-- Counts forever (2^63 steps) without printing anything. Expected: TLE.
main :: IO ()
main = print (go 0)
  where
    go :: Int -> Int
    go n = if n < 0 then n else go (n + 1)
