# input does not exist (a program has no standard input).
name = input("name? ")
