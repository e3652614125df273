package io.mekong.ops.jmx;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/** The names of the hub's MBeans: all under the JMX domain {@code mekong}, which Hawtio shows as one folder. */
public final class MekongObjectNames {

    public static final String DOMAIN = "mekong";

    private MekongObjectNames() {
    }

    /** {@code mekong:type=<type>,workspace=<workspace>,name=<name>}, values quoted when JMX needs it. */
    public static ObjectName of(String type, String workspace, String name) {
        return parse(DOMAIN + ":type=" + type + ",workspace=" + value(workspace) + ",name=" + value(name));
    }

    /** {@code mekong:type=<type>,*}: every MBean of the type. */
    public static ObjectName allOf(String type) {
        return parse(DOMAIN + ":type=" + type + ",*");
    }

    private static String value(String value) {
        return value.matches("[A-Za-z0-9._@-]+") ? value : ObjectName.quote(value);
    }

    private static ObjectName parse(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("not a JMX name: " + name, e);
        }
    }
}
