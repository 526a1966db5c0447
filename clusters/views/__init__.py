"""Pages of clusters and terms, one module per screen. Views are thin: rules live in clusters/domain/."""
