-- Forgets the comma: "Hello" and "Hello," are different tokens.
main :: IO ()
main = putStrLn "Hello World!"
