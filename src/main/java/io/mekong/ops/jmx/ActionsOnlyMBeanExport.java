package io.mekong.ops.jmx;

import java.util.Arrays;
import javax.management.MBeanException;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.modelmbean.ModelMBean;
import javax.management.modelmbean.ModelMBeanAttributeInfo;
import javax.management.modelmbean.ModelMBeanConstructorInfo;
import javax.management.modelmbean.ModelMBeanInfo;
import javax.management.modelmbean.ModelMBeanInfoSupport;
import javax.management.modelmbean.ModelMBeanNotificationInfo;
import javax.management.modelmbean.ModelMBeanOperationInfo;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jmx.JmxProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jmx.export.annotation.AnnotationMBeanExporter;
import org.springframework.jmx.export.naming.ObjectNamingStrategy;
import org.springframework.jmx.export.SpringModelMBean;

/**
 * Spring Boot's MBean exporter, set up as Boot sets it up, except that each {@code @ManagedResource} publishes only
 * the operations we wrote. A model MBean needs its attributes' getters among its operations to read them, so Spring
 * lists them there, and Hawtio's Operations tab then shows {@code getLastRunStatus()} beside {@code runNow()}: an
 * operator cannot tell the actions from the figures. The MBean keeps its whole info to read its attributes; only
 * what it shows the MBean server (and so Jolokia and Hawtio) leaves the getters and setters out.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "spring.jmx", name = "enabled", havingValue = "true")
class ActionsOnlyMBeanExport {

    @Bean
    @Primary
    AnnotationMBeanExporter mbeanExporter(ObjectNamingStrategy namingStrategy, JmxProperties properties,
                                          MBeanServer server) {
        AnnotationMBeanExporter exporter = new AnnotationMBeanExporter() {
            @Override
            protected ModelMBean createModelMBean() throws MBeanException {
                return new ActionsOnlyModelMBean();
            }
        };
        exporter.setRegistrationPolicy(properties.getRegistrationPolicy());
        exporter.setNamingStrategy(namingStrategy);
        exporter.setServer(server);
        exporter.setEnsureUniqueRuntimeObjectNames(properties.isUniqueNames());
        return exporter;
    }

    static final class ActionsOnlyModelMBean extends SpringModelMBean {

        ActionsOnlyModelMBean() throws MBeanException {
        }

        @Override
        public MBeanInfo getMBeanInfo() {
            ModelMBeanInfo info = (ModelMBeanInfo) super.getMBeanInfo();
            ModelMBeanOperationInfo[] actions = Arrays.stream(info.getOperations())
                    .map(ModelMBeanOperationInfo.class::cast).filter(ActionsOnlyModelMBean::isAction)
                    .toArray(ModelMBeanOperationInfo[]::new);
            try {
                return new ModelMBeanInfoSupport(info.getClassName(), info.getDescription(),
                        Arrays.copyOf(info.getAttributes(), info.getAttributes().length, ModelMBeanAttributeInfo[].class),
                        Arrays.copyOf(info.getConstructors(), info.getConstructors().length,
                                ModelMBeanConstructorInfo[].class),
                        actions,
                        Arrays.copyOf(info.getNotifications(), info.getNotifications().length,
                                ModelMBeanNotificationInfo[].class),
                        info.getMBeanDescriptor());
            } catch (MBeanException e) {
                throw new IllegalStateException("the MBean's own descriptor was refused", e);
            }
        }

        private static boolean isAction(ModelMBeanOperationInfo operation) {
            Object role = operation.getDescriptor().getFieldValue("role");
            return !"getter".equals(role) && !"setter".equals(role);
        }
    }
}
