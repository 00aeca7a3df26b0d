package io.wschat.local.template;

import java.util.Map;

/** A DynamoDB table of the template with its Properties resolved to local values. */
public record TableDefinition(String logicalId, String tableName, String type, Map<String, Object> properties) {

    public TableDefinition {
        properties = Map.copyOf(properties);
    }

    public boolean isSimpleTable() {
        return type.equals("AWS::Serverless::SimpleTable");
    }
}
