/// Agent action events (schema v1): the model, the strict parser and CloudEvents mapping.
public enum WardenEvents {}
