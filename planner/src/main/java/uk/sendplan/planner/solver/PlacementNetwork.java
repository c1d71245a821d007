package uk.sendplan.planner.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import uk.sendplan.planner.domain.CostModel;
import uk.sendplan.planner.domain.IndependentCap;
import uk.sendplan.planner.domain.Need;
import uk.sendplan.planner.domain.PlacementProblem;
import uk.sendplan.planner.domain.PlacementRequest;
import uk.sendplan.planner.domain.Setting;
import uk.sendplan.planner.domain.SettingPairs;

/**
 * The suitable (request, setting) pairs of a problem and what each costs, computed once per solve.
 * Pairs are stored sparsely (compressed rows: one slice of the arrays per request) because a
 * region has tens of millions of request × setting combinations but only a few hundred suitable
 * settings per child. Only the settings for the child's need within a conservative straight-line radius of
 * the travel limit are visited ({@link SettingGrid}), and {@link SettingPairs} decides and costs each of them
 * exactly as {@link CostModel#isFeasible} and {@link CostModel#softCost} would, over both cores.
 */
final class PlacementNetwork {

    private final PlacementProblem problem;
    private final CostModel costModel;
    /** Setting index each pinned request is kept in, -1 for a free request. */
    private final int[] pinnedSetting;
    /** Places left in each setting once pinned children have taken theirs (never negative). */
    private final int[] residualCapacity;
    /** Pairs of request r are at positions rowStart[r] .. rowStart[r+1]-1; pinned requests have none. */
    private final int[] rowStart;
    private final int[] pairSetting;
    /** Annual cost + policy penalties of each pair: what it adds to the soft score. */
    private final long[] pairSoftCost;
    private final boolean[] settingIndependent;
    private final long pinnedSoftCost;
    /** The strategic limits on independent placements, as counts; empty when none is set. */
    private final List<IndependentCap> independentCaps;
    /** Index into {@link #independentCaps} of the request's LA, -1 when its LA has no limit. */
    private final int[] capOfRequest;
    /** Children of each capped LA kept (pinned) in independent settings: they use part of the limit. */
    private final int[] pinnedIndependent;
    private final boolean siblingsWeighed;

    PlacementNetwork(PlacementProblem problem) {
        this.problem = problem;
        this.costModel = new CostModel(problem.parameters());
        List<Setting> settings = problem.settings();
        List<PlacementRequest> requests = problem.requests();
        Map<String, Integer> settingIndex = new HashMap<>();
        for (int s = 0; s < settings.size(); s++) {
            settingIndex.put(settings.get(s).id(), s);
        }

        pinnedSetting = new int[requests.size()];
        int[] pinnedUse = new int[settings.size()];
        long pinnedSoft = 0;
        for (int r = 0; r < requests.size(); r++) {
            PlacementRequest request = requests.get(r);
            if (request.keepCurrent()) {
                int s = settingIndex.get(request.currentSettingId());
                pinnedSetting[r] = s;
                pinnedUse[s]++;
                pinnedSoft += costModel.softCost(request, settings.get(s));
            } else {
                pinnedSetting[r] = -1;
            }
        }
        pinnedSoftCost = pinnedSoft;
        residualCapacity = new int[settings.size()];
        for (int s = 0; s < settings.size(); s++) {
            residualCapacity[s] = Math.max(0, settings.get(s).capacity() - pinnedUse[s]);
        }

        settingIndependent = new boolean[settings.size()];
        for (int s = 0; s < settings.size(); s++) {
            settingIndependent[s] = settings.get(s).type().isIndependent();
        }
        Map<Need, SettingGrid> grids = grids(settings);
        SettingPairs pairs = costModel.pairs(settings);
        double boardingRadius = costModel.maxBoardingStraightLineMetres() * (1 + 1e-9);
        // Requests in chunks over the cores; each chunk's pairs are costed once and concatenated in request order.
        int chunkSize = 2_048;
        int chunks = (requests.size() + chunkSize - 1) / chunkSize;
        List<Row> rows = java.util.stream.IntStream.range(0, chunks).parallel().mapToObj(chunk -> {
            int from = chunk * chunkSize;
            int to = Math.min(requests.size(), from + chunkSize);
            Row row = new Row(to - from);
            int[] candidates = new int[settings.size()];
            for (int r = from; r < to; r++) {
                row.start[r - from] = row.settings.size();
                if (pinnedSetting[r] >= 0) {
                    continue;
                }
                PlacementRequest request = requests.get(r);
                // A boarding child goes only to boarding settings, all of them boarding placements; a day child's
                // placements are all day placements. 1e-9 slack: the radius only pre-filters, CostModel decides.
                double radius = request.needsBoarding() ? boardingRadius
                        : costModel.maxStraightLineMetres(CostModel.phase(request)) * (1 + 1e-9);
                SettingPairs.Request costed = pairs.request(request);
                SettingGrid grid = grids.get(request.need());
                int found = grid == null ? 0 : grid.within(request.easting(), request.northing(), radius, candidates);
                java.util.Arrays.sort(candidates, 0, found);
                for (int k = 0; k < found; k++) {
                    int s = candidates[k];
                    long cost = pairs.softCostIfSuitable(costed, s);
                    if (cost >= 0) {
                        row.settings.add(s);
                        row.costs.add(cost);
                    }
                }
            }
            return row;
        }).toList();
        rowStart = new int[requests.size() + 1];
        int total = 0;
        for (Row row : rows) {
            total = Math.addExact(total, row.settings.size());
        }
        pairSetting = new int[total];
        pairSoftCost = new long[total];
        int offset = 0;
        for (int chunk = 0; chunk < chunks; chunk++) {
            Row row = rows.get(chunk);
            for (int k = 0; k < row.start.length; k++) {
                rowStart[chunk * chunkSize + k] = offset + row.start[k];
            }
            row.settings.copyTo(pairSetting, offset);
            row.costs.copyTo(pairSoftCost, offset);
            offset += row.settings.size();
        }
        rowStart[requests.size()] = total;

        independentCaps = IndependentCap.resolve(problem);
        Map<String, Integer> capIndex = new HashMap<>();
        for (int c = 0; c < independentCaps.size(); c++) {
            capIndex.put(independentCaps.get(c).laCode(), c);
        }
        capOfRequest = new int[requests.size()];
        pinnedIndependent = new int[independentCaps.size()];
        Map<String, Integer> siblings = new HashMap<>();
        for (int r = 0; r < requests.size(); r++) {
            PlacementRequest request = requests.get(r);
            capOfRequest[r] = capIndex.getOrDefault(request.laCode(), -1);
            if (capOfRequest[r] >= 0 && pinnedSetting[r] >= 0 && settings.get(pinnedSetting[r]).type().isIndependent()) {
                pinnedIndependent[capOfRequest[r]]++;
            }
            if (request.siblingGroup() != null) {
                siblings.merge(request.siblingGroup(), 1, Integer::sum);
            }
        }
        siblingsWeighed = problem.parameters().weights().siblingsApart() > 0
                && siblings.values().stream().anyMatch(count -> count > 1);
    }

    private static Map<Need, SettingGrid> grids(List<Setting> settings) {
        Map<Need, IntList> members = new EnumMap<>(Need.class);
        for (int s = 0; s < settings.size(); s++) {
            for (Need need : settings.get(s).needs()) {
                members.computeIfAbsent(need, n -> new IntList()).add(s);
            }
        }
        Map<Need, SettingGrid> grids = new EnumMap<>(Need.class);
        members.forEach((need, list) -> {
            int[] indices = new int[list.size()];
            list.copyTo(indices, 0);
            grids.put(need, new SettingGrid(settings, indices));
        });
        return grids;
    }

    /** The pairs of one chunk of requests: {@code start[k]} is where request from + k begins in the lists. */
    private static final class Row {
        final int[] start;
        final IntList settings = new IntList();
        final LongList costs = new LongList();

        Row(int requests) {
            start = new int[requests];
        }
    }

    PlacementProblem problem() {
        return problem;
    }

    CostModel costModel() {
        return costModel;
    }

    int requestCount() {
        return pinnedSetting.length;
    }

    int settingCount() {
        return residualCapacity.length;
    }

    boolean isPinned(int request) {
        return pinnedSetting[request] >= 0;
    }

    int pinnedSetting(int request) {
        return pinnedSetting[request];
    }

    int residualCapacity(int setting) {
        return residualCapacity[setting];
    }

    int pairStart(int request) {
        return rowStart[request];
    }

    int pairEnd(int request) {
        return rowStart[request + 1];
    }

    int pairCount() {
        return pairSetting.length;
    }

    int pairSetting(int pair) {
        return pairSetting[pair];
    }

    long pairSoftCost(int pair) {
        return pairSoftCost[pair];
    }

    List<IndependentCap> independentCaps() {
        return independentCaps;
    }

    /** Index of the request's LA in {@link #independentCaps()}, or -1 when its LA has no limit. */
    int capOf(int request) {
        return capOfRequest[request];
    }

    /** Independent places a capped LA has left for free children once its pinned children are counted (may be negative). */
    int independentRoom(int cap) {
        return independentCaps.get(cap).cap() - pinnedIndependent[cap];
    }

    boolean pairIndependent(int pair) {
        return settingIndependent[pairSetting[pair]];
    }

    /**
     * True when every active rule is a property of one (request, setting) pair, plus capacity: then
     * the min-cost flow is the exact optimum. A limit on independent placements or weighed sibling
     * groups couple children, and local search is needed.
     */
    boolean pairwiseOnly() {
        return independentCaps.isEmpty() && !siblingsWeighed;
    }

    /** Soft cost of the pinned children's placements: fixed, part of every plan's soft score. */
    long pinnedSoftCost() {
        return pinnedSoftCost;
    }

    /** Settings that pass every pairwise hard rule for the request, in problem order. */
    List<Integer> suitableSettings(int request) {
        List<Integer> suitable = new ArrayList<>(pairEnd(request) - pairStart(request));
        for (int p = pairStart(request); p < pairEnd(request); p++) {
            suitable.add(pairSetting[p]);
        }
        return suitable;
    }

    /** A growable int array: boxing millions of pair indices would cost ten times the memory. */
    static final class IntList {
        private int[] values = new int[1024];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int size() {
            return size;
        }

        void copyTo(int[] target, int offset) {
            System.arraycopy(values, 0, target, offset, size);
        }
    }

    static final class LongList {
        private long[] values = new long[1024];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        void copyTo(long[] target, int offset) {
            System.arraycopy(values, 0, target, offset, size);
        }
    }
}
