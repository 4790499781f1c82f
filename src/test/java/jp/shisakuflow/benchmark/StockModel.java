package jp.shisakuflow.benchmark;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import jp.shisakuflow.initiative.InitiativeLifecycle;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The product's lifecycle BPMN and DMN as stock Camunda runs them: the same tasks, gateways and decision,
 * without what the product adds (task and execution listeners: validation, due dates, notifications,
 * grants; the overdue timers and the delay escalation; the plan-driven stage conditions; the fan-out of a
 * phase into a task per ward, i.e. one task per phase for the owners).
 */
final class StockModel {

  private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  private static final String BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI";
  private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
  private static final String CAMUNDA_DMN = "http://camunda.org/schema/1.0/dmn";
  private static final String TTL = "3650";

  private StockModel() {}

  static byte[] lifecycle() throws Exception {
    Document bpmn = read(InitiativeLifecycle.RESOURCE);
    removeAll(bpmn.getElementsByTagNameNS(CAMUNDA, "taskListener"));
    removeAll(bpmn.getElementsByTagNameNS(CAMUNDA, "executionListener"));
    removeAll(bpmn.getElementsByTagNameNS(BPMNDI, "BPMNDiagram"));
    Set<String> removed = new HashSet<>();
    for (Element boundary : elements(bpmn.getElementsByTagNameNS(BPMN, "boundaryEvent"))) {
      removed.add(boundary.getAttribute("id"));
    }
    // Everything downstream of the timers: the escalation task, its end and their flows.
    for (boolean grew = true; grew; ) {
      grew = false;
      for (Element flow : elements(bpmn.getElementsByTagNameNS(BPMN, "sequenceFlow"))) {
        if (removed.contains(flow.getAttribute("sourceRef")) && removed.add(flow.getAttribute("id"))) {
          removed.add(flow.getAttribute("targetRef"));
          grew = true;
        }
      }
    }
    for (Element element : elements(bpmn.getElementsByTagNameNS("*", "*"))) {
      boolean reference = ("incoming".equals(element.getLocalName()) || "outgoing".equals(element.getLocalName()))
          && removed.contains(element.getTextContent().trim());
      if (removed.contains(element.getAttribute("id")) || reference) {
        element.getParentNode().removeChild(element);
      }
    }
    // The product's fan-out of a phase into a task per ward (a multi-instance over its own bean's answer,
    // one task for an item in no ward): stock Camunda has one task per phase for the owners.
    removeAll(bpmn.getElementsByTagNameNS(BPMN, "multiInstanceLoopCharacteristics"));
    for (Element task : elements(bpmn.getElementsByTagNameNS(BPMN, "userTask"))) {
      String groups = task.getAttributeNS(CAMUNDA, "candidateGroups");
      if (groups.contains("taskGroups") || groups.contains("wardTasks")) {
        task.setAttributeNS(CAMUNDA, "camunda:candidateGroups", "${ownerGroups}");
      }
    }
    for (Element condition : elements(bpmn.getElementsByTagNameNS(BPMN, "conditionExpression"))) {
      if (condition.getTextContent().contains("planPhases")) {
        condition.setTextContent("${true}");
      }
    }
    for (Element process : elements(bpmn.getElementsByTagNameNS(BPMN, "process"))) {
      process.setAttributeNS(CAMUNDA, "camunda:historyTimeToLive", TTL);
    }
    return write(bpmn);
  }

  static byte[] decision() throws Exception {
    Document dmn = read(InitiativeLifecycle.DECISION_RESOURCE);
    for (Element decision : elements(dmn.getElementsByTagNameNS("*", "decision"))) {
      decision.setAttributeNS(CAMUNDA_DMN, "camunda:historyTimeToLive", TTL);
    }
    return write(dmn);
  }

  private static Document read(String resource) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder().parse(Path.of(resource).toFile());
  }

  private static byte[] write(Document document) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TransformerFactory.newInstance().newTransformer().transform(new DOMSource(document), new StreamResult(out));
    return out.toByteArray();
  }

  private static List<Element> elements(NodeList nodes) {
    List<Element> list = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element element) {
        list.add(element);
      }
    }
    return list;
  }

  private static void removeAll(NodeList nodes) {
    for (Node node : elements(nodes)) {
      node.getParentNode().removeChild(node);
    }
  }
}
