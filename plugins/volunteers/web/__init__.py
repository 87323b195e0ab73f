"""The volunteers plugin's pages, its open-data API and the private calendar feed."""
