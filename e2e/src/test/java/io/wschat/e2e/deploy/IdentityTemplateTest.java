package io.wschat.e2e.deploy;

import static io.wschat.e2e.deploy.SamTemplate.list;
import static io.wschat.e2e.deploy.SamTemplate.map;
import static io.wschat.e2e.deploy.SamTemplate.reference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.wschat.connect.auth.AuthConfig;
import io.wschat.local.template.Intrinsics;
import io.wschat.local.template.LocalNames;
import io.wschat.local.template.LocalTemplate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How template.yaml sets up authentication: the Rules that refuse an incomplete configuration before anything is
 * deployed, the Cognito user pool CreateUserPool adds, and what each choice hands the connect function.
 *
 * <p>Rules and conditions are evaluated with the local runtime's intrinsic resolver, so the checks run the
 * template's own expressions rather than restating them.
 */
class IdentityTemplateTest {

    private static final LocalNames NAMES = LocalNames.of("wschat", "local", "ws://localhost:3001");
    private static final Map<String, String> OUTSIDE_IDP = Map.of("AuthMode", "jwks",
            "JwksUrl", "https://idp.example/.well-known/jwks.json", "JwtIssuer", "https://idp.example/",
            "JwtAudience", "chat-api");

    private static final SamTemplate TEMPLATE = SamTemplate.load();

    /** The AssertDescriptions of every rule assertion that fails for these parameter values. */
    private static List<String> failedRules(Map<String, String> parameters) {
        Intrinsics intrinsics = new Intrinsics(TEMPLATE.document(), parameters, NAMES);
        List<String> failed = new ArrayList<>();
        map(TEMPLATE.document().get("Rules")).forEach((name, rule) -> {
            Object condition = map(rule).get("RuleCondition");
            if (condition == null || Boolean.TRUE.equals(intrinsics.resolve(condition))) {
                for (Object assertion : list(map(rule).get("Assertions"))) {
                    if (!Boolean.TRUE.equals(intrinsics.resolve(map(assertion).get("Assert")))) {
                        failed.add(name + ": " + map(assertion).get("AssertDescription"));
                    }
                }
            }
        });
        return failed;
    }

    private static Map<String, String> connectEnvironment(Map<String, String> parameters) {
        return LocalTemplate.load(TEMPLATE.root().resolve("template.yaml"), parameters, NAMES)
                .function("ConnectFunction").environment();
    }

    @Test
    void rules_requireJwksUrlIssuerAndAudience_forJwksWithoutUserPool() {
        assertThat(failedRules(Map.of("AuthMode", "jwks"))).containsExactlyInAnyOrder(
                "JwksSettingsRequiredForJwks: JwksUrl is required when AuthMode is jwks (or set CreateUserPool=true).",
                "JwksSettingsRequiredForJwks: JwtIssuer is required when AuthMode is jwks (or set CreateUserPool=true).",
                "JwksSettingsRequiredForJwks: JwtAudience is required when AuthMode is jwks (or set CreateUserPool=true).");
        for (String left : List.of("JwksUrl", "JwtIssuer", "JwtAudience")) {
            Map<String, String> missingOne = new HashMap<>(OUTSIDE_IDP);
            missingOne.remove(left);
            assertThat(failedRules(missingOne)).as("without %s", left).singleElement().asString().contains(left);
        }
        assertThat(failedRules(OUTSIDE_IDP)).isEmpty();
    }

    @Test
    void rules_acceptTheDefaults_hs256_andNone_withNothingElseSet() {
        assertThat(failedRules(Map.of())).isEmpty();
        assertThat(failedRules(Map.of("AuthMode", "none"))).isEmpty();
        assertThat(TEMPLATE.parameterDefault("AuthMode")).isEqualTo("hs256");
    }

    @Test
    void rules_acceptAUserPool_onlyWithJwks_andWithoutOutsideIdentityProviderSettings() {
        assertThat(failedRules(Map.of("AuthMode", "jwks", "CreateUserPool", "true"))).isEmpty();
        assertThat(failedRules(Map.of("AuthMode", "hs256", "CreateUserPool", "true")))
                .containsExactly("UserPoolMeansJwks: CreateUserPool=true needs AuthMode jwks.");
        Map<String, String> both = new HashMap<>(OUTSIDE_IDP);
        both.put("CreateUserPool", "true");
        assertThat(failedRules(both)).singleElement().asString()
                .startsWith("UserPoolMeansJwks: With CreateUserPool=true, the JWKS URL, issuer and audience come");
    }

    @Test
    void everyConfigurationTheRulesAccept_startsTheConnectFunction() {
        List<Map<String, String>> accepted = List.of(
                Map.of("AuthMode", "jwks", "CreateUserPool", "true"),
                OUTSIDE_IDP,
                Map.of("AuthMode", "jwks", "CreateUserPool", "true", "JwtTokenUse", "id", "JwtMaxAgeSeconds", "900"),
                Map.of("AuthMode", "none"));
        for (Map<String, String> parameters : accepted) {
            assertThat(failedRules(parameters)).as("%s", parameters).isEmpty();
            // The function's own fail-fast check, on what the template hands it.
            AuthConfig config = AuthConfig.from(connectEnvironment(parameters));
            assertThat(config.mode().name().toLowerCase(Locale.ROOT)).isEqualTo(parameters.get("AuthMode"));
        }
        AuthConfig pool = AuthConfig.from(connectEnvironment(Map.of("AuthMode", "jwks", "CreateUserPool", "true",
                "JwtTokenUse", "id", "JwtMaxAgeSeconds", "900")));
        assertThat(pool.tokenUse()).isEqualTo(AuthConfig.TokenUse.ID);
        assertThat(pool.maxTokenAge()).hasSeconds(900);
    }

    @Test
    void hs256Stack_handsConnectOnlyTheSecretsArn_whichItCannotReadWithoutSecretsManager() {
        Map<String, String> environment = connectEnvironment(Map.of());

        assertThat(environment).containsKey("JWT_SECRET_ARN").doesNotContainKey("JWT_SECRET");
        assertThatIllegalArgumentException().isThrownBy(() -> AuthConfig.from(environment))
                .withMessageContaining("JWT_SECRET");
    }

    @Test
    void userPool_andItsPublicClient_existOnlyWithCreateUserPool() {
        Intrinsics pool = new Intrinsics(TEMPLATE.document(), Map.of("AuthMode", "jwks", "CreateUserPool", "true"),
                NAMES);
        Intrinsics none = new Intrinsics(TEMPLATE.document(), OUTSIDE_IDP, NAMES);
        Intrinsics hs256 = new Intrinsics(TEMPLATE.document(), Map.of(), NAMES);

        assertThat(TEMPLATE.type("UserPool")).isEqualTo("AWS::Cognito::UserPool");
        assertThat(TEMPLATE.type("UserPoolClient")).isEqualTo("AWS::Cognito::UserPoolClient");
        for (String resource : List.of("UserPool", "UserPoolClient")) {
            assertThat(pool.isIncluded(resource)).as(resource).isTrue();
            assertThat(none.isIncluded(resource)).as(resource).isFalse();
            assertThat(hs256.isIncluded(resource)).as(resource).isFalse();
        }
        assertThat(hs256.isIncluded("JwtSigningSecret")).isTrue();
        assertThat(pool.isIncluded("JwtSigningSecret")).isFalse();
        assertThat(none.isIncluded("JwtSigningSecret")).isFalse();

        Map<String, Object> client = TEMPLATE.properties("UserPoolClient");
        assertThat(reference(client.get("UserPoolId"))).isEqualTo("UserPool");
        assertThat(client.get("GenerateSecret")).as("a CLI or browser cannot keep a client secret").isEqualTo(false);
        assertThat(list(client.get("ExplicitAuthFlows")))
                .contains("ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH")
                .doesNotContain("ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_CUSTOM_AUTH");
    }

    @Test
    void outputs_nameTheSecret_theUserPoolAndItsClient_whenTheyExist() {
        Map<String, Object> outputs = map(TEMPLATE.document().get("Outputs"));

        assertThat(map(outputs.get("JwtSecretArn"))).containsEntry("Condition", "GeneratesJwtSecret");
        assertThat(reference(map(outputs.get("JwtSecretArn")).get("Value"))).isEqualTo("JwtSigningSecret");
        assertThat(map(outputs.get("UserPoolId"))).containsEntry("Condition", "CreatesUserPool");
        assertThat(reference(map(outputs.get("UserPoolId")).get("Value"))).isEqualTo("UserPool");
        assertThat(map(outputs.get("UserPoolClientId"))).containsEntry("Condition", "CreatesUserPool");
        assertThat(reference(map(outputs.get("UserPoolClientId")).get("Value"))).isEqualTo("UserPoolClient");
    }
}
