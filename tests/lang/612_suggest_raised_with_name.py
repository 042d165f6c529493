# A program's own NameError with name= gets a suggestion too.
total = 1
raise NameError("gone", name="totl")
