"""The toolkit's version: one place, read by the build (hatch) and stamped on every file written."""

VERSION = "0.1.0"
