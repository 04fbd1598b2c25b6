import { Drawer, styled, useMediaQuery, useThemeProps, type DrawerProps, type Theme } from '@mui/material';
import type { ReactNode } from 'react';
import { CLOSED_DRAWER_WIDTH, DRAWER_WIDTH, SidebarClasses, useLocale, useSidebarState } from 'react-admin';
import { useScrolledDown } from './useScrolledDown';

const PREFIX = 'RaSidebar';
const OPEN_CLASS = `${PREFIX}-open`;
const CLOSED_CLASS = `${PREFIX}-closed`;

type SidebarTheme = Theme & { sidebar?: { width?: number; closedWidth?: number } };

/**
 * react-admin's Sidebar (ra-ui-materialui 5.15, layout/Sidebar.js) as it is — the same drawer, class
 * names, styles and theme overrides (`RaSidebar`) — except that it follows the scroll through
 * useScrolledDown, which reads the scroll position only when the page scrolls: MUI's
 * useScrollTrigger, which react-admin's uses, reads it as the sidebar mounts, forcing the browser
 * to lay out the whole first screen in the middle of drawing it (as the app bar's did, AppLayout).
 */
export function AppSidebar(inProps: { appBarAlwaysOn?: boolean; children?: ReactNode; closedSize?: number; size?: number } & Partial<DrawerProps>) {
  const props = useThemeProps({ props: inProps, name: PREFIX });
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- taken out of the drawer's props, as react-admin does
  const { appBarAlwaysOn, children, closedSize, size, ...rest } = props;
  const isXSmall = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const [open, setOpen] = useSidebarState();
  useLocale(); // redraw on a change of language, as react-admin's does
  const scrolledDown = useScrolledDown();
  const toggleSidebar = () => setOpen(!open);
  return isXSmall ? (
    <StyledDrawer variant="temporary" open={open} onClose={toggleSidebar} classes={SidebarClasses} {...rest}>
      {children}
    </StyledDrawer>
  ) : (
    <StyledDrawer
      variant="permanent"
      open={open}
      onClose={toggleSidebar}
      classes={SidebarClasses}
      className={[scrolledDown && !appBarAlwaysOn ? SidebarClasses.appBarCollapsed : '', open ? OPEN_CLASS : CLOSED_CLASS].filter(Boolean).join(' ')}
      {...rest}
    >
      <div className={SidebarClasses.fixed}>{children}</div>
    </StyledDrawer>
  );
}

const StyledDrawer = styled(Drawer, {
  name: PREFIX,
  slot: 'Root',
  overridesResolver: (_props, styles) => styles.root,
  shouldForwardProp: () => true,
})(({ open, theme }: { open?: boolean; theme: SidebarTheme }) => ({
  height: 'calc(100vh - 3em)',
  marginTop: 0,
  transition: theme.transitions.create('margin', {
    easing: theme.transitions.easing.easeOut,
    duration: theme.transitions.duration.enteringScreen,
  }),
  [`&.${SidebarClasses.appBarCollapsed}`]: {
    // compensates the margin of the layout's app frame (react-admin's comment: removing that margin
    // instead could revert the scroll trigger, a visual jiggle)
    marginTop: theme.spacing(-6),
    [theme.breakpoints.down('sm')]: {
      marginTop: theme.spacing(-7),
    },
    transition: theme.transitions.create('margin', {
      easing: theme.transitions.easing.sharp,
      duration: theme.transitions.duration.leavingScreen,
    }),
  },
  [`& .${SidebarClasses.docked}`]: {},
  [`& .${SidebarClasses.paper}`]: {},
  [`& .${SidebarClasses.paperAnchorLeft}`]: {},
  [`& .${SidebarClasses.paperAnchorRight}`]: {},
  [`& .${SidebarClasses.paperAnchorTop}`]: {},
  [`& .${SidebarClasses.paperAnchorBottom}`]: {},
  [`& .${SidebarClasses.paperAnchorDockedLeft}`]: {},
  [`& .${SidebarClasses.paperAnchorDockedTop}`]: {},
  [`& .${SidebarClasses.paperAnchorDockedRight}`]: {},
  [`& .${SidebarClasses.paperAnchorDockedBottom}`]: {},
  [`& .${SidebarClasses.modal}`]: {},
  [`& .${SidebarClasses.fixed}`]: {
    position: 'fixed',
    height: 'calc(100vh - 3em)',
    overflowX: 'hidden',
    // hide the scrollbar
    scrollbarWidth: 'none',
    msOverflowStyle: 'none',
    '&::-webkit-scrollbar': {
      display: 'none',
    },
  },
  [`& .MuiPaper-root`]: {
    position: 'relative',
    width: open ? (theme.sidebar?.width ?? DRAWER_WIDTH) : (theme.sidebar?.closedWidth ?? CLOSED_DRAWER_WIDTH),
    transition: theme.transitions.create('width', {
      easing: theme.transitions.easing.sharp,
      duration: theme.transitions.duration.leavingScreen,
    }),
    backgroundColor: 'transparent',
    borderRight: 'none',
    [theme.breakpoints.only('xs')]: {
      marginTop: 0,
      height: '100vh',
      position: 'inherit',
      backgroundColor: (theme.vars || theme).palette.background.default,
    },
    [theme.breakpoints.up('md')]: {
      border: 'none',
    },
    zIndex: 'inherit',
  },
}));
