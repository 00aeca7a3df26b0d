package io.wschat.local.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wschat.local.LocalOptions;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

    @Test
    void parse_readsSharesAsNumbersOrPercentages_andPrintsThemBackInTheSameSyntax() {
        FaultPlan plan = FaultPlan.parse(" post.429=0.3, post.500=10%,post.410=0.05 ,post.hang=0.02,sns.publish=1.0,"
                + "sns.delivery=1");

        assertThat(plan.rules()).extracting(FaultPlan.Rule::fault).containsExactly(Fault.POST_THROTTLED,
                Fault.POST_ERROR, Fault.POST_GONE, Fault.POST_HANG, Fault.SNS_PUBLISH_ERROR, Fault.SNS_DELIVERY);
        assertThat(plan.rules().get(1).share()).isEqualTo(0.1);
        assertThat(plan.toString())
                .isEqualTo("post.410=0.05,post.429=0.3,post.500=0.1,post.hang=0.02,sns.publish=1,sns.delivery=1");
        assertThat(FaultPlan.parse(plan.toString())).hasToString(plan.toString());
        assertThat(plan.seed()).isEmpty();
    }

    @Test
    void parse_takesAMissingShareAsOne_andAimsPostFaultsAtOneConnection() {
        FaultPlan plan = FaultPlan.parse("post.hang[oKI8L7gBH8tCKh4=],post.410[abc-_=]=0.5,sns.publish.429");

        assertThat(plan.rules()).containsExactly(
                new FaultPlan.Rule(Fault.POST_HANG, 1.0, Optional.of("oKI8L7gBH8tCKh4=")),
                new FaultPlan.Rule(Fault.POST_GONE, 0.5, Optional.of("abc-_=")),
                new FaultPlan.Rule(Fault.SNS_PUBLISH_THROTTLED, 1.0, Optional.empty()));
        assertThat(plan.toString()).isEqualTo("post.410[abc-_=]=0.5,post.hang[oKI8L7gBH8tCKh4=]=1,sns.publish.429=1");
    }

    @Test
    void parse_isEmpty_forNoneOrNothing() {
        assertThat(FaultPlan.parse("none").isEmpty()).isTrue();
        assertThat(FaultPlan.parse("  ").isEmpty()).isTrue();
        assertThat(FaultPlan.parse("post.429=0").isEmpty()).isTrue();
        assertThat(FaultPlan.none()).hasToString("none");
    }

    @Test
    void parse_rejectsUnknownFaults_badShares_duplicates_andSharesAddingUpToMoreThanOne() {
        assertThatThrownBy(() -> FaultPlan.parse("post.404=0.1")).hasMessageContaining("unknown fault \"post.404\"")
                .hasMessageContaining("post.410, post.429");
        assertThatThrownBy(() -> FaultPlan.parse("post.429=1.5")).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> FaultPlan.parse("post.429=lots")).hasMessageContaining("a number like 0.3 or 30%");
        assertThatThrownBy(() -> FaultPlan.parse("post.429=0.1,,post.500=0.1")).hasMessageContaining("empty entry");
        assertThatThrownBy(() -> FaultPlan.parse("post.429=0.1,post.429=0.2")).hasMessageContaining("given twice");
        assertThatThrownBy(() -> FaultPlan.parse("post.429=0.6,post.500=0.5"))
                .hasMessageContaining("add up to more than 1");
        assertThatThrownBy(() -> FaultPlan.parse("post.429[abc=]=0.6,post.hang[abc=]=0.5"))
                .hasMessageContaining("add up to more than 1");
        assertThatThrownBy(() -> FaultPlan.parse("sns.publish=0.6,sns.publish.429=0.5"))
                .hasMessageContaining("add up to more than 1");
        assertThatThrownBy(() -> FaultPlan.parse("sns.publish[abc=]=1")).hasMessageContaining("cannot be aimed");
        assertThatThrownBy(() -> FaultPlan.parse("post.410[abc=")).hasMessageContaining("KEY[connectionId]=SHARE");
        assertThatThrownBy(() -> FaultPlan.parse("post.410[a,b]=1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sharesOfDifferentKindsOfCall_needNotFitTogether() {
        FaultPlan plan = FaultPlan.parse("post.429=1,sns.publish=1,sns.delivery=1");

        assertThat(plan.rules()).hasSize(3);
    }

    @Test
    void with_replacesTheRuleForTheSameFaultAndTarget_andKeepsTheSeed() {
        FaultPlan plan = FaultPlan.none().withSeed(7).with(Fault.POST_THROTTLED, 0.5)
                .with(Fault.POST_THROTTLED, 0.2).with(Fault.POST_HANG, 1, "abc=");

        assertThat(plan.toString()).isEqualTo("post.429=0.2,post.hang[abc=]=1");
        assertThat(plan.seed()).hasValue(7);
    }

    @Test
    void localOptions_readTheFaultsFlag_andItsSeed_inEitherOrder() {
        LocalOptions options = LocalOptions.parse("--faults-seed", "42", "--faults", "post.429=0.3,sns.publish=1");
        LocalOptions equals = LocalOptions.parse("--faults=post.429=0.3,sns.publish=1", "--faults-seed=42");

        assertThat(options.faults().toString()).isEqualTo("post.429=0.3,sns.publish=1");
        assertThat(options.faults().seed()).hasValue(42);
        assertThat(equals.faults()).isEqualTo(options.faults());
        assertThat(LocalOptions.defaults().faults().isEmpty()).isTrue();
    }

    @Test
    void localOptions_reportABadFaultsFlag_asAUsageError() {
        assertThatThrownBy(() -> LocalOptions.parse("--faults", "post.429=2"))
                .isInstanceOf(LocalOptions.UsageException.class).hasMessageStartingWith("--faults: post.429");
        assertThatThrownBy(() -> LocalOptions.parse("--faults-seed", "x"))
                .isInstanceOf(LocalOptions.UsageException.class).hasMessageContaining("whole number");
    }
}
