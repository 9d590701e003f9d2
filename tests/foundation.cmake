# Foundation suites (protocol, server, client, CLI)
