"""The network: one file per person, their states, the outreach rules, the commands' jobs."""
