package dev.skillpath.system.support;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Stops the system under test when the test run ends (registered in META-INF/services). */
public class SystemSession implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        SystemUnderTest.shutdownIfStarted();
    }
}
