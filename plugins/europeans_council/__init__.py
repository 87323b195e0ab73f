"""The Paris Council of Europeans (Conseil des Européens): residents holding the citizenship of
another EU member state, drawn by lot with seats proportional to each nationality."""
