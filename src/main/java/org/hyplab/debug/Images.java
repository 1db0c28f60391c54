package org.hyplab.debug;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which image's code runs in which {@link Space}: the hypervisor's in Hyp mode, each domain's
 * guest kernel in that domain, a bare-metal program everywhere. This is how a PC finds its
 * function and source line in the right program (every guest links at the same addresses).
 */
public final class Images {

    private final Map<Integer, Image> bySpace = new TreeMap<>();
    private Image everywhere;

    /** No debug information at all: PCs stay addresses. */
    public static Images none() {
        return new Images();
    }

    /** One program in every space (a bare-metal program, which may run in Hyp and in PL1 modes). */
    public static Images single(Image image) {
        Images images = new Images();
        images.everywhere = image;
        return images;
    }

    public Images with(Space space, Image image) {
        if (space.id() == Space.ANY_ID) {
            everywhere = image;
        } else {
            bySpace.put(space.id(), image);
        }
        return this;
    }

    /** The image whose code runs in {@code space}. */
    public Optional<Image> image(Space space) {
        Image i = bySpace.get(space.id());
        return Optional.ofNullable(i != null ? i : everywhere);
    }

    /** Every space with its own image, and the image shared by all (under {@link Space#ANY}). */
    public Map<Space, Image> all() {
        Map<Space, Image> all = new java.util.LinkedHashMap<>();
        if (everywhere != null) {
            all.put(Space.ANY, everywhere);
        }
        bySpace.forEach((id, image) -> all.put(new Space(id), image));
        return all;
    }
}
