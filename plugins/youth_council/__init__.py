"""The Youth Council (Conseil parisien de la jeunesse): a council of young people drawn by lot
with gender parity, half of it renewed each year."""
