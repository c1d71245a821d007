package uk.sendplan.api.planning;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import uk.sendplan.api.planning.Investments.CandidateInput;
import uk.sendplan.api.planning.Investments.CapitalCostInput;
import uk.sendplan.api.planning.Investments.InvestmentAdvice;

import java.math.BigDecimal;
import java.util.List;

/** GraphQL's whereToInvest: {@link Investments} answers it. */
@Controller
class InvestmentController {

    private final Investments investments;

    InvestmentController(Investments investments) {
        this.investments = investments;
    }

    @QueryMapping
    InvestmentAdvice whereToInvest(@Argument String planId, @Argument Integer places, @Argument List<CandidateInput> candidates,
                                   @Argument BigDecimal capitalBudget, @Argument List<CapitalCostInput> capitalCostPerPlace) {
        return investments.advise(planId, places, candidates, capitalBudget, capitalCostPerPlace);
    }
}
