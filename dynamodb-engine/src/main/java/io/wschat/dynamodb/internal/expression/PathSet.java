package io.wschat.dynamodb.internal.expression;

import java.util.ArrayList;
import java.util.List;

/** The paths of a projection or of an update's actions, which DynamoDB requires not to overlap. */
final class PathSet {

    private final List<Path> paths = new ArrayList<>();

    /**
     * Adds a path, recording an overlap (one path is a prefix of, or equal to, another) or a conflict (one treats
     * as a list what the other treats as a map) with the paths added before.
     */
    void add(Path path, Problems problems) {
        if (problems.has(Problems.Kind.OVERLAP)) {
            return;
        }
        for (Path earlier : paths) {
            if (compare(earlier, path, problems)) {
                return;
            }
        }
        paths.add(path);
    }

    List<Path> paths() {
        return paths;
    }

    /** True when it recorded an overlap. */
    private static boolean compare(Path one, Path two, Problems problems) {
        int common = Math.min(one.length(), two.length());
        for (int i = 0; i < common; i++) {
            if (one.isIndex(i) != two.isIndex(i)) {
                problems.add(Problems.Kind.CONFLICT, "Two document paths conflict with each other; must remove or "
                        + "rewrite one of these paths; path one: " + one + ", path two: " + two);
                return false;
            }
            if (!one.element(i).equals(two.element(i))) {
                return false;
            }
        }
        problems.add(Problems.Kind.OVERLAP, "Two document paths overlap with each other; must remove or rewrite "
                + "one of these paths; path one: " + one + ", path two: " + two);
        return true;
    }
}
