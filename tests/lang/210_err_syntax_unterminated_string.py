a = "closed"
b = 'also closed'
print("fine")
s = "never closed
print(s)
