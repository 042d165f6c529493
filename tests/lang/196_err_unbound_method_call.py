class Greeter:
    def greet(self, name):
        return "hi " + name
print(Greeter().greet("ann"))
Greeter.greet("bob")
