"""What every part runs on: settings (`settings`, `config`), logs (`logs`, `access_log`), metrics
(`metrics`), health checks (`health`), worker sizing (`sizing`) and row ids from URLs (`row_ids`)."""
