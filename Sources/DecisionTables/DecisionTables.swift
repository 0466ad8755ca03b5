/// DMN 1.3 decision tables: parsing and evaluation (being written).
public enum DecisionTables {}
