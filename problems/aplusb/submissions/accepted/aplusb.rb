t, *numbers = $stdin.read.split.map(&:to_i)
puts numbers.first(2 * t).each_slice(2).map { |a, b| a + b }
