"""The pipeline's stages, organised by question (see /work/shared/ARCHITECTURE.md)."""
