# Standard output is a pipe whose reader has left (run with NAME.stdout =
# closed): the print that hits it raises BrokenPipeError (CPython ignores
# SIGPIPE), and the uncaught error ends the run with status 1.
for i in range(200000):
    print(i)
