"""The local ONNX generator: model provisioning, engine, prompts and lenses, idea filters."""
