# Many escape attempts in one program, each caught: every one fails with
# an ordinary Python exception and nothing is opened (run_robust.sh checks
# that with strace).
import sys

def attempt(label, fn):
    try:
        fn()
        print(label, "-> no error")
    except Exception as e:
        print(label, "->", type(e).__name__)

attempt("open", lambda: open("/etc/passwd"))
attempt("__import__", lambda: __import__("os"))
attempt("eval", lambda: eval("1"))
attempt("exec", lambda: exec("1"))
attempt("compile", lambda: compile("1", "x", "eval"))
attempt("input", lambda: input())
attempt("breakpoint", lambda: breakpoint())
attempt("getattr(__builtins__)", lambda: getattr(__builtins__, "open"))
attempt("__subclasses__", lambda: object.__subclasses__())
attempt("sys.modules[os]", lambda: sys.modules["os"])
attempt("sys.stdin", lambda: sys.stdin)
attempt("sys.stdout.buffer", lambda: sys.stdout.buffer)
attempt("code.replace", lambda: (lambda: 1).__code__.replace())
attempt("co_code", lambda: (lambda: 1).__code__.co_code)
attempt("type(print)()", lambda: type(print)())
attempt("type(code)()", lambda: type((lambda: 1).__code__)())
for name in ["os", "posix", "io", "subprocess", "socket", "ctypes", "pathlib",
             "shutil", "importlib", "signal", "threading", "_thread",
             "multiprocessing", "mmap", "fcntl", "tempfile", "glob", "pty",
             "select", "marshal", "pickle", "runpy", "code", "linecache",
             "zipimport", "site"]:
    try:
        # (an import statement per name: there is no __import__)
        if name == "os": import os
        elif name == "posix": import posix
        elif name == "io": import io
        elif name == "subprocess": import subprocess
        elif name == "socket": import socket
        elif name == "ctypes": import ctypes
        elif name == "pathlib": import pathlib
        elif name == "shutil": import shutil
        elif name == "importlib": import importlib
        elif name == "signal": import signal
        elif name == "threading": import threading
        elif name == "_thread": import _thread
        elif name == "multiprocessing": import multiprocessing
        elif name == "mmap": import mmap
        elif name == "fcntl": import fcntl
        elif name == "tempfile": import tempfile
        elif name == "glob": import glob
        elif name == "pty": import pty
        elif name == "select": import select
        elif name == "marshal": import marshal
        elif name == "pickle": import pickle
        elif name == "runpy": import runpy
        elif name == "code": import code
        elif name == "linecache": import linecache
        elif name == "zipimport": import zipimport
        elif name == "site": import site
        print("import", name, "-> no error")
    except ImportError as e:
        print("import", name, "->", type(e).__name__, e)
import asyncio
for name in ["create_subprocess_exec", "create_subprocess_shell",
             "open_connection", "start_server", "open_unix_connection",
             "start_unix_server", "to_thread", "run_coroutine_threadsafe"]:
    print("asyncio." + name, "->", hasattr(asyncio, name))
loop = asyncio.new_event_loop()
for name in ["create_connection", "create_server", "create_datagram_endpoint",
             "sock_connect", "sock_recv", "getaddrinfo", "subprocess_exec",
             "subprocess_shell", "add_reader", "add_writer",
             "connect_read_pipe", "add_signal_handler", "sendfile"]:
    print("loop." + name, "->", hasattr(loop, name))
loop.close()
