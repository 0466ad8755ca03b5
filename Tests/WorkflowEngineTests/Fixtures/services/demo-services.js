// Services the bpmn-web demo models call, written for these tests. Each takes the item's
// input (and a context with the instance) and returns a plain value that becomes the output.
services.add = (input) => input.v1 + input.v2;
services.service1 = (input) => ({ seq: input.repeat, text: 'test', input: input });
services.service2 = (input) => ({ sent: true, input: input });
services.service99 = (input) => ({ done: true });
services.Service1 = services.service1;
services.echo = (input) => input;
services.serviceX = (input) => ({ handled: true });
services.dummyTest = (input) => ({});
services.DummyService1 = (input) => ({});
services.someService = (input) => ({});
services.determineWorkflow = (input) => ({ workflow: 'standard' });
services.createTicket = (input) => ({ ticket: 'T-1' });
services.welcomeGuestService = (input) => ({ welcomed: true });
services.checkOutService = (input) => ({ checkedOut: true });
services.simulateCrash = (input) => ({});
services.getApprovers = (level) => ['approver-' + (typeof level === 'string' ? level : 'A')];
services.IsApprovalDone = (item) => true;
services.getCollection = (item) => ['A', 'B'];
services.flowCondition = (item) => true;
services.collService = () => ({
    startWorkflow_method: (item, data) => { data.users = data.users || { workers: ['ann'] }; },
    assign_method: (item, data) => { data.users = data.users || { workers: ['ann'] }; },
    handleWork_method: (item, data) => {},
});
services.rules = { level: () => 'A' };
