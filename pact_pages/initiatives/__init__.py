"""Initiative stories framed by the four Ps, and the library that lists them."""
