global using CollectorConfigType = RumOperator.CollectorConfig.CollectorConfig;
