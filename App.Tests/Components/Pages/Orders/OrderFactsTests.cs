using AdminPortal.Components.Pages.Orders;
using AdminPortal.Features.Common;
using AdminPortal.Features.Orders;
using AdminPortal.Tests.Infrastructure;
using Bunit;

namespace AdminPortal.Tests.Components.Pages.Orders;

[TestClass]
public sealed class OrderFactsTests : ComponentTest
{
    [TestMethod]
    public void The_customer_reads_as_name_space_and_email_in_brackets()
    {
        var at = new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc);
        var details = new OrderDetails(
            new OrderDto(7, 30, 12m, Currency.USD, OrderStatus.Pending, null, at, at, 1),
            "Mateo Patel",
            "mateo.patel.30@example.com",
            [],
            []);

        var facts = Render<OrderFacts>(p => p.Add(c => c.Details, details));

        var customer = facts.Find("a[href='users/30']").ParentElement!;
        Assert.AreEqual("Mateo Patel (mateo.patel.30@example.com)", customer.TextContent);
    }
}
