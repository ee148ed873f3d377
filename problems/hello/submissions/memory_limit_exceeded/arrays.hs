-- Keeps 8 MiB arrays, each filled, reachable forever (in an IORef, so that none is dead).
-- Expected: MLE (the heap, capped at the memory limit by +RTS -M, is exhausted: "Heap exhausted").
import Control.Monad (forever)
import Data.Array.IO (IOUArray, newArray)
import Data.IORef (modifyIORef', newIORef)

main :: IO ()
main = do
  blocks <- newIORef []
  forever $ do
    block <- newArray (0, 2 ^ 20 - 1) 1 :: IO (IOUArray Int Int)
    modifyIORef' blocks (block :)
