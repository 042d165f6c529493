a = 'single'
b = "double"
c = '''triple
single'''
d = """triple
double"""
print(a)
print(b)
print(c)
print(d)
print('it\'s')
print("say \"hi\"")
print("it's")
print('say "hi"')
print("""a "quoted" 'thing'""")
print('''x''' + """y""")
e = """\
no leading newline"""
print(e)
print(len(c), len(d))
