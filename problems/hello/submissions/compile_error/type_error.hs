-- A Haskell type error (a number where a String is expected). Expected: CE, with ghc's message.
main :: IO ()
main = putStrLn 42
