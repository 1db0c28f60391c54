package org.hyplab.ui.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hyplab.mmu.Explanation;
import org.hyplab.mmu.WalkEvent;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;

/**
 * A page-table walk drawn as a path through the tables, stage 1 beside stage 2 (Lit:
 * hyplab-walk-view.ts). This class turns an {@link Explanation} into the component's model.
 */
@Tag("hyplab-walk-view")
@JsModule("./components/hyplab-walk-view.ts")
public class WalkView extends Component {

    public WalkView() {
        setId("lab-walk-view");
    }

    void show(Explanation e) {
        getElement().setProperty("model", model(e));
    }

    void clear() {
        getElement().setProperty("model", "");
    }

    String model() {
        return getElement().getProperty("model", "");
    }

    /** The component's model: a title, each step of the walk, the result lines. */
    static String model(Explanation e) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<String> lines = e.lines();
        m.put("title", lines.getFirst());
        List<Object> steps = new ArrayList<>();
        int lastRead = -1;
        for (int i = 0; i < e.steps().size(); i++) {
            if (e.steps().get(i) instanceof WalkEvent.Read) {
                lastRead = i;
            }
        }
        for (int i = 0; i < e.steps().size(); i++) {
            Map<String, Object> s = new LinkedHashMap<>();
            switch (e.steps().get(i)) {
                case WalkEvent.Flat f -> {
                    s.put("kind", "flat");
                    s.put("stage", f.stage());
                    s.put("text", "stage " + f.stage() + " off");
                    s.put("detail", f.why());
                }
                case WalkEvent.Start st -> {
                    s.put("kind", "start");
                    s.put("stage", st.stage());
                    s.put("text", String.format("%s → table at 0x%x", st.register(), st.table()));
                    s.put("detail", String.format("input 0x%x, %d-bit, starts at level %d", st.input(), st.inputBits(),
                            st.level()));
                }
                case WalkEvent.Read r -> {
                    s.put("kind", "read");
                    s.put("stage", r.stage());
                    s.put("level", r.level());
                    s.put("text", String.format("[0x%x%s] = 0x%s  %s", r.address(),
                            r.pa() != r.address() ? String.format(" @PA 0x%x", r.pa()) : "",
                            r.wide() ? String.format("%016x", r.descriptor()) : String.format("%08x", r.descriptor()),
                            r.kind().text()));
                    s.put("detail", r.meaning());
                    s.put("leaf", r.kind().isLeaf());
                    s.put("fault", i == lastRead && e.fault() != null && !r.kind().isLeaf());
                }
            }
            steps.add(s);
        }
        m.put("steps", steps);
        m.put("result", lines.subList(1 + e.steps().size(), lines.size()).stream().map(String::strip).toList());
        if (e.fault() != null) {
            m.put("fault", e.fault().getMessage());
        }
        return Json.write(m);
    }
}
