"""undersigned: joint statements of coalitions of organizations."""
