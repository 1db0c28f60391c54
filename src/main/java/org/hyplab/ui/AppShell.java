package org.hyplab.ui;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.shared.communication.PushMode;
import com.vaadin.flow.shared.ui.Transport;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.lumo.Lumo;

/**
 * Page-wide settings: the Lumo theme plus HypLab's own style sheet, and Push over a websocket,
 * by which a running machine's statuses reach the Lab.
 */
@Push(value = PushMode.AUTOMATIC, transport = Transport.WEBSOCKET)
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("styles/hyplab.css")
public class AppShell implements AppShellConfigurator {

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.addMetaTag("description", "HypLab: a teaching sandbox for ARM virtualization");
    }
}
