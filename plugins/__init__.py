"""Built-in Parvis plugins, each registered through the `parvis` entry-point group."""
