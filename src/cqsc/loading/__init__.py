"""The one way in: finding the data folder, reading YAML safely, the whole-file and incremental paths, the schemas."""
