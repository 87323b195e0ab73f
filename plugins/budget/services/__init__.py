"""Budget services, one module per concept; handlers call them and commit."""
