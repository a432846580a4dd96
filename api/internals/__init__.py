"""The API's code reaching into a framework's internals for speed: one module per framework, each guarded by a test."""
