"""The package's version, in a module of its own so that code inside the package (the batch
manifest's settings key) can read it without importing the package's front door."""
__version__ = "0.1.0"
