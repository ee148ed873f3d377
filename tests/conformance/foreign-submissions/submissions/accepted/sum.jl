readline()
println(sum(parse.(Int64, split(readline()))))
