/// Hash-chained, signed evidence records, checkpoints and their verification.
public enum WardenEvidence {}
