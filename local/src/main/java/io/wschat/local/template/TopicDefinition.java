package io.wschat.local.template;

/** An SNS topic of the template with its local name and ARN. */
public record TopicDefinition(String logicalId, String topicName, String topicArn) {
}
