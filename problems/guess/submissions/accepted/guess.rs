use std::io::{self, BufRead, Write};

fn main() {
    let stdin = io::stdin();
    let mut lines = stdin.lock().lines();
    let mut stdout = io::stdout();
    let (mut lo, mut hi) = (1u64, 1_000_000_000u64);
    while lo <= hi {
        let mid = lo + (hi - lo) / 2;
        writeln!(stdout, "{}", mid).unwrap();
        stdout.flush().unwrap(); // stdout is line-buffered only on a terminal
        let answer = match lines.next() {
            Some(Ok(line)) => line,
            _ => return,
        };
        match answer.trim() {
            "=" => return,
            "<" => hi = mid - 1,
            _ => lo = mid + 1,
        }
    }
}
