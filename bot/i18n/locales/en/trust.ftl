# Who may see what: refusals for people outside the network.
error-network-only = This is only for members of the network's organizations. Join your organization with the invite link from its admin (or /join with the code), or register a new organization with /register.
